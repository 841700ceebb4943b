// Selling's routes, one plugin per part (each in its own file, registered here).
import type { FastifyPluginAsync } from 'fastify';

const parts: FastifyPluginAsync[] = [];

export const salesRoutes: FastifyPluginAsync = async (app) => {
  for (const part of parts) await app.register(part);
};

// Selling's routes, one plugin per part (each in its own file, registered here).
import type { FastifyPluginAsync } from 'fastify';
import { checkInRoutes } from './sales.check-in.routes.ts';
import { subscriptionsRoutes } from './sales.subscriptions.routes.ts';
import { transactionsRoutes } from './sales.transactions.routes.ts';
import { checkoutRoutes } from './sales.checkout.routes.ts';
import { refundsRoutes } from './sales.refunds.routes.ts';
import { buyerEmailRoutes } from './sales.buyer-email.routes.ts';
import { accessRoutes } from './sales.access.routes.ts';
import { buyerRoutes } from './sales.buyer.routes.ts';

const parts: FastifyPluginAsync[] = [checkoutRoutes, transactionsRoutes, refundsRoutes, buyerEmailRoutes, accessRoutes, buyerRoutes, subscriptionsRoutes, checkInRoutes];

export const salesRoutes: FastifyPluginAsync = async (app) => {
  for (const part of parts) await app.register(part);
};

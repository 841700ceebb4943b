// The permission catalog (TEAM-3, TEAM-6): Hotmart's groups, holding only what this
// product does, with ClickBank's five among them. Shared by server and web.

export const PERMISSION_GROUPS = {
  receipts: ['receipts.send'],
  sales: [
    'sales.tickets', // ClickBank "Orders/Tickets": only transactions tied to support tickets
    'sales.search', // ClickBank "Search Orders" = Hotmart "search sales": any transaction in scope
    'sales.search_by_period',
    'sales.resend_purchase_email',
    'sales.change_buyer_email',
    'sales.refund',
  ],
  products: ['products.view', 'products.manage'],
  reports: ['reports.view'],
  subscriptions: ['subscriptions.manage'],
  team: ['team.manage'], // ClickBank "Manage Users"
  developers: ['api.read', 'api.write', 'developers.webhooks'], // ClickBank "API Read", "API Read/Write"
} as const;

export type PermissionGroup = keyof typeof PERMISSION_GROUPS;
export type Permission = (typeof PERMISSION_GROUPS)[PermissionGroup][number];

export const ALL_PERMISSIONS: readonly Permission[] = Object.values(PERMISSION_GROUPS).flat();

export function isPermission(value: string): value is Permission {
  return (ALL_PERMISSIONS as readonly string[]).includes(value);
}

/** The five permissions of ClickBank's assistant users (TEAM-3). */
export const CLICKBANK_PERMISSIONS: readonly Permission[] = ['sales.tickets', 'sales.search', 'api.read', 'api.write', 'team.manage'];

export const PERMISSION_LABELS: Record<Permission, { en: string; es: string }> = {
  'receipts.send': { en: 'Send receipts', es: 'Enviar recibos' },
  'sales.tickets': { en: 'Orders/Tickets (only orders tied to tickets)', es: 'Pedidos/Tickets (solo pedidos con ticket)' },
  'sales.search': { en: 'Search orders (any order)', es: 'Buscar pedidos (cualquier pedido)' },
  'sales.search_by_period': { en: 'Search sales by period', es: 'Buscar ventas por periodo' },
  'sales.resend_purchase_email': { en: 'Resend purchase e-mails and notifications', es: 'Reenviar e-mails de compra y notificaciones' },
  'sales.change_buyer_email': { en: "Change a buyer's e-mail", es: 'Cambiar el e-mail del comprador' },
  'sales.refund': { en: 'Request refunds', es: 'Solicitar reembolsos' },
  'products.view': { en: 'View products', es: 'Ver productos' },
  'products.manage': { en: 'Manage products', es: 'Gestionar productos' },
  'reports.view': { en: 'Reports', es: 'Informes' },
  'subscriptions.manage': { en: 'Manage subscriptions (cancel, reactivate)', es: 'Gestionar suscripciones (cancelar, reactivar)' },
  'team.manage': { en: 'Manage users', es: 'Gestionar usuarios' },
  'api.read': { en: 'API Read', es: 'API lectura' },
  'api.write': { en: 'API Read/Write', es: 'API lectura/escritura' },
  'developers.webhooks': { en: 'API credentials and webhooks', es: 'Credenciales de API y webhooks' },
};

export const GROUP_LABELS: Record<PermissionGroup, { en: string; es: string }> = {
  receipts: { en: 'Receipts', es: 'Recibos' },
  sales: { en: 'Sales', es: 'Ventas' },
  products: { en: 'Products', es: 'Productos' },
  reports: { en: 'Reports', es: 'Informes' },
  subscriptions: { en: 'Subscriptions', es: 'Suscripciones' },
  team: { en: 'Team', es: 'Equipo' },
  developers: { en: 'Developers', es: 'Desarrolladores' },
};

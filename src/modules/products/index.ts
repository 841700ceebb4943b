// Products (SALES-1): each seller account's catalog of standard, recurring and in-person
// event products, with prices in minor units, archived rather than deleted, and each
// product's members list. The sales module reads products through here and fills the
// members list with `grantProductAccess`; the demo seed creates products with the service.
import { defineModule } from '../../kernel/module.ts';
import { productsAuditActions } from './products.audit.ts';
import { productsDemo } from './products.demo.ts';
import { productsRoutes } from './products.routes.ts';

export { productsErrors, type ProductsErrorCode } from './products.errors.ts';
export { BILLING_PERIODS, PRODUCT_CURRENCIES, PRODUCT_KINDS, type BillingPeriod, type ProductCurrency, type ProductKind } from './products.rules.ts';
export type { CreateProductInput, ProductMemberView, ProductView, UpdateProductInput } from './products.schemas.ts';
export {
  callerOf,
  createProductsService,
  grantProductAccess,
  moveProductAccess,
  revokeProductAccess,
  toProductView,
  type ProductsCaller,
  type ProductsService,
} from './products.service.ts';

export const productsModule = defineModule({
  name: 'products',
  description: "Seller accounts' products: standard, recurring and in-person events, with prices in minor units (SALES-1, X-3).",
  routes: productsRoutes,
  auditActions: productsAuditActions,
  demo: productsDemo,
});

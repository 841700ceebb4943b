// Payments (SALES-11): the provider interface, the built-in test provider and the inbox of
// events providers report later. docs/payments.md says how a real provider plugs in.
export type { CardInput, ChargeRequest, ChargeResult, PaymentFailureCode, PaymentMethodInput, PaymentProvider, RefundResult } from './payments.ts';
export { PAYMENT_FAILURE_CODES } from './payments.ts';
export { createTestProvider, luhnValid, TEST_CARDS, TEST_CHARGEBACK_DELAY_MS } from './test-provider.ts';
export { providerEvents } from './payments.tables.ts';
export { createProviderEventsRepository, type ProviderEventRow } from './payments.repository.ts';

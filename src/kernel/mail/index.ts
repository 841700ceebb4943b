// Outgoing e-mail: templates, the transactional outbox and SMTP delivery (NOTIF-4, NOTIF-5).
export { createMailer, type Mailer, type EnqueueInput } from './mailer.ts';
export { defineMailTemplate, renderMail, footer, testMessage, type MailTemplate } from './mail.templates.ts';
export type { MailContent } from './mail.layout.ts';
export { outbox } from './mail.tables.ts';

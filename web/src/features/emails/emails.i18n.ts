// Texts of the e-mail reference (NOTIF-3).
import { defineFeatureMessages } from '../../lib/messages.ts';

export const emailsMessages = defineFeatureMessages(
  'emails',
  {
    'emails.title': 'Every e-mail Mostrador sends',
    'emails.intro': 'Each message with a sample, in Spanish and English. Subjects do not change: use them for mail filters and auto-responders.',
    'emails.download': 'Download all as PDF',
    'emails.sampleIn': 'Sample in',
    'emails.lang.es': 'Spanish',
    'emails.lang.en': 'English',
    'emails.previewTitle': 'Sample: {subject}',
    'emails.count': '{count} e-mails',
  },
  {
    'emails.title': 'Todos los e-mails que envía Mostrador',
    'emails.intro': 'Cada mensaje con un ejemplo, en español y en inglés. Los asuntos no cambian: úsalos para filtros de correo y respuestas automáticas.',
    'emails.download': 'Descargar todo en PDF',
    'emails.sampleIn': 'Ejemplo en',
    'emails.lang.es': 'español',
    'emails.lang.en': 'inglés',
    'emails.previewTitle': 'Ejemplo: {subject}',
    'emails.count': '{count} e-mails',
  },
);

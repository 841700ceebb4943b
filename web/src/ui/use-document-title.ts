import { useEffect } from 'react';

/** "Tickets · Mostrador" in the browser tab and in screen readers' page announcements. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Mostrador` : 'Mostrador';
  }, [title]);
}

// Inline icons: decorative (aria-hidden), the button around them carries the name.
export function UnlinkIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        d="M9.5 14.5 7 17a3 3 0 0 1-4-4l2.5-2.5M14.5 9.5 17 7a3 3 0 0 1 4 4l-2.5 2.5M8 3v2M3 8h2M16 21v-2M21 16h-2"
      />
    </svg>
  );
}

export function ExternalIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false">
      <path fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />
    </svg>
  );
}

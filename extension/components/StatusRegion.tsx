// The live region where saves, errors and conflicts are announced to screen readers and shown.
interface StatusRegionProps {
  status: { kind: 'success' | 'error'; text: string } | null;
}

export function StatusRegion({ status }: StatusRegionProps) {
  return (
    <div
      class={`status ${status?.kind ?? ''}`}
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-testid="status"
    >
      {status?.text}
    </div>
  );
}

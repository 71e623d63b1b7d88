// Loads the popup's support-staff block only for staff, so holders' popups do not carry its code (bundle budget).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function SupportDeskEntry() {
  const [Block, setBlock] = useState<ComponentType>();
  useEffect(() => {
    void import('./SupportDeskStatus').then((m) => setBlock(() => m.SupportDeskStatus));
  }, []);
  return Block ? <Block /> : null;
}

import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { KeyTable } from '../src/components/KeyTable';

const keys = [
  { keyId: 'k1', userId: 'u1', name: 'production', prefix: 'kv_live_ab12', createdAt: 1714500000000 },
  { keyId: 'k2', userId: 'u1', name: 'old', prefix: 'kv_live_cd34', createdAt: 1714400000000, revokedAt: 1714450000000 },
];

describe('KeyTable', () => {
  it('shows prefixes only and lets active keys be revoked', () => {
    const onRevoke = vi.fn();
    render(<KeyTable keys={keys} onRevoke={onRevoke} />);

    expect(screen.getByText('kv_live_ab12…')).toBeInTheDocument();
    expect(screen.getByText('Revoked')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    expect(onRevoke).toHaveBeenCalledWith('k1');
  });

  it('renders an empty state', () => {
    render(<KeyTable keys={[]} onRevoke={() => undefined} />);
    expect(screen.getByText(/No API keys yet/)).toBeInTheDocument();
  });
});

import ipaddr from 'ipaddr.js';

// Which network addresses a URL that came from outside may reach. Only ordinary public
// unicast: loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16, where
// cloud metadata lives), carrier-grade NAT, unique-local (fc00::/7), multicast, reserved
// and the IPv6 forms that embed an IPv4 address (6to4, NAT64, Teredo) are refused.
// ipaddr.js's `process` turns an IPv4-mapped IPv6 address (::ffff:127.0.0.1) back into the
// IPv4 it stands for, so it is judged as that.

/** A short reason when `address` is not a public unicast address, or null when it is. */
export function refusedAddressReason(address: string): string | null {
  const literal = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(literal)) return `${address} is not an IP address`;
  const parsed = ipaddr.process(literal);
  const range = parsed.range();
  return range === 'unicast' ? null : `${parsed.toString()} is a ${describe(range)} address`;
}

export function isPublicAddress(address: string): boolean {
  return refusedAddressReason(address) === null;
}

function describe(range: string): string {
  switch (range) {
    case 'loopback':
      return 'loopback';
    case 'private':
    case 'uniqueLocal':
    case 'carrierGradeNat':
      return 'private';
    case 'linkLocal':
      return 'link-local';
    default:
      return `non-public (${range})`;
  }
}

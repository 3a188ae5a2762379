// What the sandbox knows about Azure regions: a few public address blocks Microsoft announces
// there (so a public IP "looks" regional) and whether the region has availability zones.
// The blocks are plausible Microsoft ranges seen in public samples, not an authoritative list.
import { fnv1a } from '../../core/hash.ts';

interface RegionInfo {
  /** First two octets of /16 blocks Azure hands public IPs out of in this region. */
  publicBlocks: string[];
  zones: boolean;
}

const REGIONS: Record<string, RegionInfo> = {
  eastus: { publicBlocks: ['20.121', '20.185', '52.226', '4.156', '40.88'], zones: true },
  eastus2: { publicBlocks: ['20.96', '20.7', '52.247', '4.153'], zones: true },
  centralus: { publicBlocks: ['20.80', '52.154', '40.122'], zones: true },
  westus: { publicBlocks: ['20.66', '40.78', '13.64'], zones: false },
  westus2: { publicBlocks: ['20.112', '52.183', '4.155'], zones: true },
  westus3: { publicBlocks: ['20.118', '20.150'], zones: true },
  canadacentral: { publicBlocks: ['20.116', '52.228'], zones: true },
  northeurope: { publicBlocks: ['20.54', '52.155', '4.207'], zones: true },
  westeurope: { publicBlocks: ['20.23', '20.50', '51.124', '52.174'], zones: true },
  uksouth: { publicBlocks: ['20.108', '51.132'], zones: true },
  francecentral: { publicBlocks: ['20.74', '51.103'], zones: true },
  germanywestcentral: { publicBlocks: ['20.79', '51.116'], zones: true },
  swedencentral: { publicBlocks: ['20.91', '4.225'], zones: true },
  southeastasia: { publicBlocks: ['20.195', '52.187'], zones: true },
  japaneast: { publicBlocks: ['20.27', '52.185'], zones: true },
  australiaeast: { publicBlocks: ['20.53', '20.211'], zones: true },
};

const FALLBACK: RegionInfo = { publicBlocks: ['20.10', '20.69'], zones: false };

function regionInfo(location: string): RegionInfo {
  return REGIONS[location.toLowerCase()] ?? FALLBACK;
}

export function knownRegions(): string[] {
  return Object.keys(REGIONS).sort();
}

export function regionHasZones(location: string): boolean {
  return regionInfo(location).zones;
}

/**
 * A deterministic public address for `seed` from the region's blocks. Different seeds can map
 * to the same address (a 1-in-a-few-hundred-thousand chance); callers that need uniqueness pass
 * `taken` and get the next free address in the same block.
 */
export function regionalPublicIp(location: string, seed: string, taken?: ReadonlySet<string>): string {
  const blocks = regionInfo(location).publicBlocks;
  const h = fnv1a(seed);
  const block = blocks[h % blocks.length]!;
  let third = (h >>> 8) & 255;
  let fourth = 1 + ((h >>> 16) % 254);
  for (let tries = 0; tries < 65_536; tries++) {
    const ip = `${block}.${third}.${fourth}`;
    if (!taken?.has(ip)) return ip;
    fourth++;
    if (fourth > 254) {
      fourth = 1;
      third = (third + 1) & 255;
    }
  }
  throw new Error(`no free public address left in ${block}.0.0/16`);
}

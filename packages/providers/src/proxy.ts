import { ProxyAgent, fetch as undiciFetch } from 'undici';

/**
 * A fetch that goes through an HTTP(S) proxy, for apps whose platform only accepts calls from trusted IPs
 * (WeCom's 60020): the proxy's address is the one to trust. One agent per proxy URL, kept for reuse.
 */
const agents = new Map<string, ProxyAgent>();

export function proxiedFetch(proxyUrl: string): typeof fetch {
  let agent = agents.get(proxyUrl);
  if (!agent) {
    agent = new ProxyAgent(proxyUrl);
    agents.set(proxyUrl, agent);
  }
  const dispatcher = agent;
  return ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
    undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
}

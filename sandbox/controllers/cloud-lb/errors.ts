// A failure of an Azure call or of cloud-provider-azure's own validation. Its message is the
// text CPA returns; the service controller prefixes it into the SyncLoadBalancerFailed event.
export class CloudError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloudError';
  }
}

import { MemberCredentials, REFUSAL_TTL_MS } from '../../../core/aws/member-credentials';
import { motoUrl } from '../../support/aws';
import { MEMBER_ROLE, motoSts } from '../../support/moto-accounts';
import { refuseAssumeRole, type SigningProxy, startSigningProxy } from '../../support/signing-proxy';

const MEMBER = '222233334444';
const OTHER = '333344445555';

/** MemberCredentials against STS that refuses every AssumeRole (a proxy in front of moto, which never refuses). */
describe('MemberCredentials: a refused AssumeRole', () => {
  let proxy: SigningProxy;

  beforeAll(async () => {
    proxy = await startSigningProxy(motoUrl(), refuseAssumeRole);
  });
  afterAll(() => proxy.stop());

  const assumeRoles = (mark: number) => proxy.requests.slice(mark).filter((r) => r.action === 'AssumeRole').length;

  it('is remembered for a minute per account: STS is asked again only after it, and for another account at once', async () => {
    // Prepare
    let now = Date.parse('2026-11-01T00:00:00Z');
    const sts = motoSts(proxy.url);
    const credentials = new MemberCredentials({ sts: () => sts, roleName: MEMBER_ROLE, clock: () => new Date(now) });
    const mark = proxy.requests.length;
    const ask = (account: string) =>
      credentials.get(account).then(
        () => 'granted',
        (err: Error) => `${err.name}: ${err.message}`,
      );

    // Act
    const first = await ask(MEMBER);
    const withinTheMinute = await Promise.all(Array.from({ length: 20 }, () => ask(MEMBER)));
    now += REFUSAL_TTL_MS - 1;
    await ask(MEMBER);
    const askedWithinTheMinute = assumeRoles(mark);
    await ask(OTHER);
    const afterOtherAccount = assumeRoles(mark);
    now += 1;
    await ask(MEMBER);

    // Assess
    expect(first).toBe('AccessDenied: User is not authorized to perform: sts:AssumeRole');
    expect(new Set(withinTheMinute)).toEqual(new Set([first]));
    expect(askedWithinTheMinute).toBe(1);
    expect(afterOtherAccount).toBe(2);
    expect(assumeRoles(mark)).toBe(3);
  });
});

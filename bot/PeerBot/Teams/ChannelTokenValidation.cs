// The SDK marks JwtTokenValidation, SkillValidation, SimpleChannelProvider and ICredentialProvider obsolete in favour
// of ConfigurationBotFrameworkAuthentication, which runs exactly them, but over its private static HttpClient. They are
// the SDK's only validation entry point that takes an HttpClient, so this file uses them on purpose.
#pragma warning disable CS0618

using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace PeerBot.Teams;

/// <summary>
/// Checks the channel's token on every activity with the SDK's own validation (<see cref="JwtTokenValidation"/>:
/// issuer, signature against the published keys, lifetime, audience, the serviceurl claim, and the key's channel
/// endorsements), but fetches the OpenID metadata and signing keys through an HttpClient the app owns
/// (<see cref="TeamsSetup.IdentityClient"/>). The SDK's own authentication classes fetch them with a private static
/// HttpClient that nothing can configure; this is the SDK's public entry point that takes one. Everything else
/// (replies, proactive sends, skills) is the configured SDK authentication's.
/// </summary>
/// <remarks>
/// The channel is the public Azure cloud, or the US government cloud when <c>ChannelService</c> names it, as with
/// the SDK's configuration. The SDK caches the metadata per URL for the life of the process, with the client that
/// first fetched it.
/// </remarks>
public sealed class ChannelTokenValidation(
    BotFrameworkAuthentication inner,
    ServiceClientCredentialsFactory credentials,
    IConfiguration configuration,
    IHttpClientFactory clients) : BotFrameworkAuthentication
{
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        var channel = new SimpleChannelProvider(configuration["ChannelService"]);
        var identity = await JwtTokenValidation.AuthenticateRequest(
            activity, authHeader, new CredentialsFromFactory(credentials), channel, new AuthenticationConfiguration(), clients.CreateClient(TeamsSetup.IdentityClient));
        var fromSkill = SkillValidation.IsSkillClaim(identity.Claims);
        return new AuthenticateRequestResult
        {
            ClaimsIdentity = identity,
            Audience = fromSkill ? JwtTokenValidation.GetAppIdFromClaims(identity.Claims) : inner.GetOriginatingAudience(),
            CallerId = await GenerateCallerIdAsync(credentials, identity, channel.IsGovernment() ? CallerIdConstants.USGovChannel : CallerIdConstants.PublicAzureChannel, cancellationToken),
            ConnectorFactory = inner.CreateConnectorFactory(identity),
        };
    }

    public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => inner.CreateConnectorFactory(claimsIdentity);

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    /// <summary>The credential provider the SDK's validation asks, answered by the app's credentials factory.</summary>
    private sealed class CredentialsFromFactory(ServiceClientCredentialsFactory factory) : ICredentialProvider
    {
        public Task<bool> IsValidAppIdAsync(string appId) => factory.IsValidAppIdAsync(appId, CancellationToken.None);

        public Task<bool> IsAuthenticationDisabledAsync() => factory.IsAuthenticationDisabledAsync(CancellationToken.None);

        // Validation never asks for a password.
        public Task<string> GetAppPasswordAsync(string appId) => throw new NotSupportedException();
    }
}

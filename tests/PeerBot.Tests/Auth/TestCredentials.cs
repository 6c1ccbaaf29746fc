using Microsoft.Bot.Connector.Authentication;
using Microsoft.Rest;

namespace PeerBot.Tests.Auth;

/// <summary>
/// Stands in for the production credentials factory: it knows the test bot's app id (so inbound tokens for
/// it pass the audience check) and sends replies without a token, since there is no Entra ID to ask.
/// </summary>
public sealed class TestCredentials(string botAppId) : ServiceClientCredentialsFactory
{
    public override Task<bool> IsValidAppIdAsync(string appId, CancellationToken cancellationToken) =>
        Task.FromResult(string.Equals(appId, botAppId, StringComparison.Ordinal));

    public override Task<bool> IsAuthenticationDisabledAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    public override Task<ServiceClientCredentials> CreateCredentialsAsync(string appId, string audience, string loginEndpoint, bool validateAuthority, CancellationToken cancellationToken) =>
        Task.FromResult<ServiceClientCredentials>(MicrosoftAppCredentials.Empty);
}

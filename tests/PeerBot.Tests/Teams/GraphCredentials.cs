using System.Collections.Concurrent;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Rest;

namespace PeerBot.Tests.Teams;

/// <summary>
/// Stands in for the production credentials factory of a bot with an app id: Graph tokens are a known test token
/// (so the Graph stub can check it arrives), connector calls go without one, and inbound activities need no channel
/// token (the authentication tests cover those; here the subject is who counts as an admin).
/// </summary>
public sealed class GraphCredentials(string botAppId, string graphToken) : ServiceClientCredentialsFactory
{
    private readonly ConcurrentQueue<(string AppId, string Audience)> _requests = new();

    /// <summary>Every credential the bot asked for: its app id and the audience.</summary>
    public IReadOnlyList<(string AppId, string Audience)> Requests => [.. _requests];

    public override Task<bool> IsValidAppIdAsync(string appId, CancellationToken cancellationToken) =>
        Task.FromResult(string.Equals(appId, botAppId, StringComparison.Ordinal));

    public override Task<bool> IsAuthenticationDisabledAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public override Task<ServiceClientCredentials> CreateCredentialsAsync(string appId, string audience, string loginEndpoint, bool validateAuthority, CancellationToken cancellationToken)
    {
        _requests.Enqueue((appId, audience));
        return Task.FromResult<ServiceClientCredentials>(audience == "https://graph.microsoft.com" && appId == botAppId
            ? new TokenCredentials(graphToken)
            : MicrosoftAppCredentials.Empty);
    }
}

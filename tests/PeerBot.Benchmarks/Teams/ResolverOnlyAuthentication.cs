using Microsoft.Bot.Connector.Authentication;
using PeerBot.Teams;

namespace PeerBot.Benchmarks.Teams;

/// <summary>The SDK's authentication with the shared contract resolver alone: a new ConnectorClient and user-token client every turn.</summary>
internal sealed class ResolverOnlyAuthentication(BotFrameworkAuthentication inner) : BotFrameworkAuthentication
{
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Microsoft.Bot.Schema.Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        result.ConnectorFactory = new ResolverOnlyFactory(result.ConnectorFactory);
        return result;
    }

    public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);

    public override ConnectorFactory CreateConnectorFactory(System.Security.Claims.ClaimsIdentity claimsIdentity) =>
        new ResolverOnlyFactory(inner.CreateConnectorFactory(claimsIdentity));

    public override Task<UserTokenClient> CreateUserTokenClientAsync(System.Security.Claims.ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);
}

internal sealed class ResolverOnlyFactory(ConnectorFactory inner) : ConnectorFactory
{
    public override async Task<Microsoft.Bot.Connector.IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
    {
        var client = await inner.CreateAsync(serviceUrl, audience, cancellationToken);
        SharedContractConnectorFactory.Share(client);
        return client;
    }
}

using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json.Serialization;

namespace PeerBot.Teams;

/// <summary>
/// Wraps the SDK's authentication so that every ConnectorClient it hands out shares one Newtonsoft
/// contract resolver. Each new ConnectorClient otherwise gets fresh resolvers, and Newtonsoft rebuilds
/// (and recompiles) every Activity contract on the first reply of every turn: about 12 ms of CPU a reply.
/// It also makes every token the SDK cannot validate a 401: CloudAdapter answers 401 only for
/// UnauthorizedAccessException, while a malformed, unsigned or badly signed token surfaces as a
/// SecurityTokenException or ArgumentException and would otherwise become a 500. The clients themselves are kept
/// between turns (<see cref="KeptConnectors"/>), and the user-token client is built only if a turn uses it
/// (<see cref="UserTokensOnDemand"/>).
/// </summary>
public sealed class SharedContractAuthentication(BotFrameworkAuthentication inner) : BotFrameworkAuthentication, IDisposable
{
    private readonly KeptConnectors _kept = new();

    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        var result = await RejectingAsync(() => inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken));
        result.ConnectorFactory = SharedContractConnectorFactory.Wrap(result.ConnectorFactory, _kept, result.ClaimsIdentity);
        return result;
    }

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken)
    {
        var result = await RejectingAsync(() => inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken));
        result.ConnectorFactory = SharedContractConnectorFactory.Wrap(result.ConnectorFactory, _kept, result.ClaimsIdentity);
        return result;
    }

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        SharedContractConnectorFactory.Wrap(inner.CreateConnectorFactory(claimsIdentity), _kept, claimsIdentity);

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        Task.FromResult<UserTokenClient>(new UserTokensOnDemand(() => inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken)));

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        RejectingAsync(() => inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken));

    public void Dispose() => _kept.Dispose();

    private static async Task<T> RejectingAsync<T>(Func<Task<T>> authenticate)
    {
        try
        {
            return await authenticate();
        }
        catch (Exception e) when (e is SecurityTokenException or ArgumentException)
        {
            throw new UnauthorizedAccessException("The token is not valid: " + e.GetType().Name, e);
        }
    }
}

/// <summary>Hands out kept ConnectorClients whose (de)serialisers share process-wide contract resolvers.</summary>
public sealed class SharedContractConnectorFactory(ConnectorFactory inner, KeptConnectors kept, ClaimsIdentity? identity) : ConnectorFactory
{
    // ConnectorClient installs a new DefaultContractResolver per client; one shared instance caches
    // contracts for the life of the process (DefaultContractResolver is thread-safe).
    private static readonly DefaultContractResolver SerializationResolver = new();
    private static readonly DefaultContractResolver DeserializationResolver = new();

    public static ConnectorFactory Wrap(ConnectorFactory factory, KeptConnectors kept, ClaimsIdentity? identity) =>
        factory is null or SharedContractConnectorFactory ? factory! : new SharedContractConnectorFactory(factory, kept, identity);

    public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
        kept.GetAsync(identity, serviceUrl, audience, async () =>
        {
            var client = await inner.CreateAsync(serviceUrl, audience, cancellationToken);
            Share(client);
            return client;
        });

    public static void Share(IConnectorClient client)
    {
        client.SerializationSettings.ContractResolver = SerializationResolver;
        client.DeserializationSettings.ContractResolver = DeserializationResolver;
    }
}

using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace PeerBot.Teams;

/// <summary>
/// ConnectorClients kept between turns, one per bot identity, service URL and audience. The SDK's CloudAdapter asks for a
/// new client on every turn and disposes it after; building one reads assembly attributes (each read emits and later
/// finalizes a dynamic invoker), parses user-agent regexes and sets up serializers: about a third of a millisecond of
/// CPU per turn, and finalizer work that contends with every other thread. A client holds no per-turn state (the
/// credentials fetch and refresh their own tokens), as the SDK's older BotFrameworkAdapter knew when it kept them too.
/// Each is kept for <see cref="Lifetime"/>, so that it does not outlive the HTTP handler it was built on for long.
/// </summary>
public sealed class KeptConnectors : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    // Service URLs come from activities; a flood of made-up ones evicts old entries instead of growing memory.
    private const int MaxKept = 512;

    private readonly MemoryCache _clients = new(new MemoryCacheOptions { SizeLimit = MaxKept });

    public async Task<IConnectorClient> GetAsync(ClaimsIdentity? identity, string serviceUrl, string audience, Func<Task<IConnectorClient>> create)
    {
        var key = (BotOf(identity), serviceUrl, audience ?? "");
        if (!_clients.TryGetValue(key, out IConnectorClient? client) || client is null)
        {
            client = await create();
            _clients.Set(key, client, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        }
        return new TurnConnector(client);
    }

    public void Dispose() => _clients.Dispose();

    /// <summary>The bot the client acts for: the audience of the token the channel sent (none when run locally without one).</summary>
    private static string BotOf(ClaimsIdentity? identity) =>
        identity?.FindFirst(AuthenticationConstants.AudienceClaim)?.Value ?? "";

    /// <summary>The kept client, lent to one turn: the SDK disposes what it was given when the turn ends, and that must not end the client.</summary>
    private sealed class TurnConnector(IConnectorClient kept) : IConnectorClient, IKeptConnector
    {
        public IConnectorClient Kept => kept;

        public Uri BaseUri
        {
            get => kept.BaseUri;
            set => throw new NotSupportedException("A kept connector serves one service URL.");
        }

        public JsonSerializerSettings SerializationSettings => kept.SerializationSettings;

        public JsonSerializerSettings DeserializationSettings => kept.DeserializationSettings;

        public ServiceClientCredentials Credentials => kept.Credentials;

        public IAttachments Attachments => kept.Attachments;

        public IConversations Conversations => kept.Conversations;

        public void Dispose()
        {
            // Lent, not owned.
        }
    }
}

/// <summary>A connector lent to a turn; <see cref="Kept"/> is the SDK's own client behind it.</summary>
public interface IKeptConnector
{
    IConnectorClient Kept { get; }
}

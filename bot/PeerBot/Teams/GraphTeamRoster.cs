using System.Net;
using System.Text.Json;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace PeerBot.Teams;

/// <summary>
/// Asks Microsoft Graph whether a user owns a team: one member query per (team, user), read with the bot's own
/// identity (the app's <c>TeamMember.Read.Group</c> resource-specific consent). A thin client rather than the Graph
/// SDK, for one call. Answers are cached for a few minutes; any failure (no token, non-2xx, timeout, a body that
/// is not a member list) means "not an owner", so an outage refuses admin commands and never lets anyone through.
/// Without a MicrosoftAppId (local use) there is no identity to ask with, so nobody owns a team.
/// </summary>
public sealed partial class GraphTeamRoster(
    IHttpClientFactory http,
    ServiceClientCredentialsFactory credentials,
    IConfiguration configuration,
    IMemoryCache cache,
    ILogger<GraphTeamRoster> logger)
{
    /// <summary>The named HttpClient Graph calls go through.</summary>
    public const string Client = "MicrosoftGraph";

    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    /// <summary>The resource Graph tokens are issued for.</summary>
    public const string Audience = "https://graph.microsoft.com";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    public bool Enabled => !string.IsNullOrEmpty(configuration["MicrosoftAppId"]);

    public async Task<bool> IsOwnerAsync(string teamGroupId, string userObjectId, CancellationToken cancellationToken)
    {
        // Both ids go into a URL and an OData filter: only well-formed GUIDs may, in their canonical form.
        if (!Enabled || !Guid.TryParse(teamGroupId, out var team) || !Guid.TryParse(userObjectId, out var user) || team == Guid.Empty || user == Guid.Empty)
        {
            return false;
        }
        var key = (nameof(GraphTeamRoster), team, user);
        if (cache.TryGetValue(key, out bool known))
        {
            return known;
        }
        var answer = await AskAsync(team, user, cancellationToken);
        if (answer is { } owner)
        {
            cache.Set(key, owner, CacheFor);
        }
        return answer ?? false;
    }

    /// <summary>Graph's answer, or null when there was none to be had (the failure is logged, and not cached).</summary>
    private async Task<bool?> AskAsync(Guid team, Guid user, CancellationToken cancellationToken)
    {
        var baseUrl = (configuration["Graph:BaseUrl"] is { Length: > 0 } configured ? configured : DefaultBaseUrl).TrimEnd('/');
        var filter = Uri.EscapeDataString($"(microsoft.graph.aadUserConversationMember/userId eq '{user:D}')");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/teams/{team:D}/members?$filter={filter}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var identity = await credentials.CreateCredentialsAsync(
                configuration["MicrosoftAppId"], Audience, AuthenticationConstants.ToChannelFromBotLoginUrlTemplate, true, timeout.Token);
            await identity.ProcessHttpRequestAsync(request, timeout.Token);
            using var response = await http.CreateClient(Client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(logger, (int)response.StatusCode);
                return null;
            }
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var members = await JsonDocument.ParseAsync(body, cancellationToken: timeout.Token);
            return ReadOwner(members.RootElement, user);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, "timeout");
            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Only a kind is logged: messages can carry the request URL, and that URL carries a person's id.
            LogFailed(logger, e is JsonException ? "unreadable answer" : e.GetType().Name);
            return null;
        }
    }

    /// <summary>Owner when one of the listed members is this user with the "owner" role; guests and members are not.</summary>
    private static bool? ReadOwner(JsonElement root, Guid user)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("Not a member list.");
        }
        foreach (var member in value.EnumerateArray())
        {
            if (member.ValueKind == JsonValueKind.Object
                && member.TryGetProperty("userId", out var id) && id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var listed) && listed == user
                && member.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array
                && roles.EnumerateArray().Any(r => r.ValueKind == JsonValueKind.String && string.Equals(r.GetString(), "owner", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Team owner lookup: Microsoft Graph answered {Status}; treating the member as not an owner.")]
    private static partial void LogRefused(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Team owner lookup failed ({Failure}); treating the member as not an owner.")]
    private static partial void LogFailed(ILogger logger, string failure);
}

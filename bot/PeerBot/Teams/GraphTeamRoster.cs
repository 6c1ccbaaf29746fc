using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using PeerBot.Conversations;

namespace PeerBot.Teams;

/// <summary>
/// Asks Microsoft Graph whether a user owns a team: one member query per (team, user), with a token for the member's
/// own tenant (<see cref="GraphTokens"/>; the app's <c>TeamMember.Read.Group</c> resource-specific consent). A thin
/// client rather than the Graph SDK, for one call. Answers are cached for a few minutes; any failure (no token,
/// non-2xx, timeout, a body that is not a member list) means "not an owner", so an outage refuses admin commands and
/// never lets anyone through. A tenant that has not consented is told so once (<see cref="TenantConsents"/>).
/// Without a MicrosoftAppId (local use) there is no identity to ask with, so nobody owns a team.
/// </summary>
public sealed partial class GraphTeamRoster(
    IHttpClientFactory http,
    GraphTokens tokens,
    TenantConsents consents,
    IConfiguration configuration,
    IMemoryCache cache,
    ILogger<GraphTeamRoster> logger)
{
    /// <summary>The named HttpClient Graph calls go through.</summary>
    public const string Client = "MicrosoftGraph";

    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    public bool Enabled => tokens.Enabled;

    /// <summary>Whether the member owns the team (of the member's own tenant: the token is that tenant's).</summary>
    public async Task<bool> IsOwnerAsync(Member member, string teamGroupId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        // Both ids go into a URL and an OData filter: only well-formed GUIDs may, in their canonical form.
        if (!Enabled || member.TenantId is not { Length: > 0 } tenant || !Guid.TryParse(teamGroupId, out var team) || !Guid.TryParse(member.UserId, out var user) || team == Guid.Empty || user == Guid.Empty)
        {
            return false;
        }
        var key = (nameof(GraphTeamRoster), tenant.ToLowerInvariant(), team, user);
        if (cache.TryGetValue(key, out bool known))
        {
            return known;
        }
        var answer = await AskAsync(tenant, member.PeerId, team, user, cancellationToken);
        if (answer is { } owner)
        {
            cache.Set(key, owner, CacheFor);
        }
        return answer ?? false;
    }

    /// <summary>Graph's answer, or null when there was none to be had (the failure is logged, and not cached).</summary>
    private async Task<bool?> AskAsync(string tenant, string memberId, Guid team, Guid user, CancellationToken cancellationToken)
    {
        var baseUrl = (configuration["Graph:BaseUrl"] is { Length: > 0 } configured ? configured : DefaultBaseUrl).TrimEnd('/');
        var filter = Uri.EscapeDataString($"(microsoft.graph.aadUserConversationMember/userId eq '{user:D}')");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/teams/{team:D}/members?$filter={filter}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            switch (await tokens.AuthorizeAsync(request, tenant, timeout.Token))
            {
                case GraphTokenOutcome.Authorized:
                    break;
                case GraphTokenOutcome.ConsentMissing:
                    await consents.MissingAsync(tenant, memberId, cancellationToken);
                    return null;
                default:
                    return null;
            }
            using var response = await http.CreateClient(Client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(logger, (int)response.StatusCode);
                if (response.StatusCode == HttpStatusCode.Forbidden)
                {
                    // A token, but no permission: the team's resource-specific consent is missing.
                    await consents.MissingAsync(tenant, memberId, cancellationToken);
                }
                return null;
            }
            await consents.GrantedAsync(tenant, cancellationToken);
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

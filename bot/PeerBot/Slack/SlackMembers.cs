using System.Collections.Concurrent;

namespace PeerBot.Slack;

/// <summary>
/// users.info and conversations.open answers, remembered for a while: every turn needs the member's email
/// (for their organization) and some need their DM channel, and neither changes often. Each answer is kept
/// under the installation whose token asked for it: a user id names a different person (with a different
/// admin flag) in another workspace or Enterprise Grid organization.
/// </summary>
public sealed partial class SlackMembers(SlackApi api, TimeProvider clock, ILogger<SlackMembers> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, (SlackUser User, DateTimeOffset Until)> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _directMessages = new(StringComparer.Ordinal);

    /// <summary>
    /// Who the member is. The email comes only with the users:read.email scope; without it (or when Slack
    /// cannot answer) the member is still served, and their organization is what they declare.
    /// </summary>
    public async Task<SlackUser?> GetAsync(SlackInstallation installation, string userId, CancellationToken cancellationToken)
    {
        var key = KeyOf(installation, userId);
        if (_users.TryGetValue(key, out var cached) && cached.Until > clock.GetUtcNow())
        {
            return cached.User;
        }
        try
        {
            var user = await api.GetUserAsync(installation.BotToken, userId, cancellationToken);
            Remember(_users, key, (user, clock.GetUtcNow() + Lifetime));
            return user;
        }
        catch (SlackApiException e)
        {
            LogLookupFailed(logger, e.Error);
            return null;
        }
    }

    /// <summary>The member's DM channel with PeerBot.</summary>
    public async Task<string> DirectMessageAsync(SlackInstallation installation, string userId, CancellationToken cancellationToken)
    {
        var key = KeyOf(installation, userId);
        if (_directMessages.TryGetValue(key, out var channel))
        {
            return channel;
        }
        channel = await api.OpenDirectMessageAsync(installation.BotToken, userId, cancellationToken);
        Remember(_directMessages, key, channel);
        return channel;
    }

    /// <summary>Drops what was remembered about a member (<c>slack:{team}:{user}</c>), e.g. when they ask to be forgotten.</summary>
    public void Forget(string memberId)
    {
        if (memberId.Split(':') is [_, var team, var user])
        {
            // Their workspace's own installation, or their organization's org-wide one (which has no team).
            foreach (var cache in new[] { _users.Keys, _directMessages.Keys })
            {
                foreach (var key in cache.Where(k => k.EndsWith("|" + user, StringComparison.Ordinal) && k.Split('|') is [_, var t, _] && (t == team || t.Length == 0)))
                {
                    _users.TryRemove(key, out _);
                    _directMessages.TryRemove(key, out _);
                }
            }
        }
    }

    private static string KeyOf(SlackInstallation installation, string userId) => $"{installation.EnterpriseId}|{installation.TeamId}|{userId}";

    private static void Remember<T>(ConcurrentDictionary<string, T> cache, string key, T value)
    {
        if (cache.Count >= MaxEntries)
        {
            cache.Clear();
        }
        cache[key] = value;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "users.info failed ({Error}); the member's organization is what they declare")]
    private static partial void LogLookupFailed(ILogger logger, string error);
}

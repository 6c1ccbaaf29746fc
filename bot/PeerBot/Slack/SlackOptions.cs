namespace PeerBot.Slack;

/// <summary>
/// The <c>Slack</c> configuration section. Single-workspace mode needs <see cref="BotToken"/> and
/// <see cref="SigningSecret"/>; installing into many workspaces needs <see cref="ClientId"/>,
/// <see cref="ClientSecret"/> and <see cref="SigningSecret"/>.
/// </summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>The scopes PeerBot asks for; <c>manifest/slack/manifest.json</c> lists the same.</summary>
    public const string DefaultScopes = "chat:write,commands,im:history,im:write,users:read,users:read.email";

    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    public Uri AuthorizeUrl { get; set; } = new("https://slack.com/oauth/v2/authorize");

    /// <summary>Single-workspace mode: the workspace's bot token (xoxb-). Installations are then not needed.</summary>
    public string? BotToken { get; set; }

    public string? SigningSecret { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string Scopes { get; set; } = DefaultScopes;

    /// <summary>The OAuth redirect URL registered with Slack; by default this host's <c>/slack/oauth/callback</c>.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>Slack's rule for <c>chat.postMessage</c>: about one message per second per channel.</summary>
    public TimeSpan MessageInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts after the first for HTTP 5xx and for 429 answers.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off after a 5xx; it doubles per attempt, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest Retry-After the client waits for before giving up on a call.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many Slack requests are worked on at once, after their acknowledgement (one waiting for a channel's pace does not count).</summary>
    public int Workers { get; set; } = 4;

    /// <summary>
    /// How long acknowledged work stays hidden from other instances without its holder renewing the lease (every third
    /// of it): after a crash, another instance takes the work over within this time and <see cref="TakeOverInterval"/>.
    /// </summary>
    public TimeSpan WorkLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an instance with idle workers looks for work whose holder died.</summary>
    public TimeSpan TakeOverInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Takeovers after which a piece of work (it keeps killing its instance, or cannot be read) moves to the poison partition of the backlog.</summary>
    public int MaxWorkAttempts { get; set; } = 5;

    public bool IsSingleWorkspace => !string.IsNullOrEmpty(BotToken);
}

using PeerBot.Conversations;

namespace PeerBot.Privacy;

/// <summary>
/// Export files are fetched through a short-lived link the bot signs, so the file goes straight to the member's
/// browser and works the same in Teams and Slack. The link names nobody: the member id is inside the sealed token.
/// </summary>
public sealed class ExportLinks(SealedLinks links)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private const string Purpose = "PeerBot.Privacy.Export";

    public string Create(string memberId) => links.Create(Purpose, "privacy/export", memberId, Lifetime);

    /// <summary>The member the token was made for, or null when it is forged or expired.</summary>
    public string? Open(string token) => links.Open(Purpose, token);
}

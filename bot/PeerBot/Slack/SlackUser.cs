namespace PeerBot.Slack;

/// <summary>What users.info tells us about a member; <see cref="Email"/> needs the users:read.email scope.</summary>
public sealed record SlackUser(string Id, string? Name, string? Email, string? TimeZone = null)
{
    /// <summary>A workspace admin or owner.</summary>
    public bool IsAdmin { get; init; }
}

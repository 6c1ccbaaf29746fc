namespace PeerBot.Slack;

/// <summary>PeerBot installed in one Slack workspace, or org-wide in an Enterprise Grid organization.</summary>
public sealed record SlackInstallation
{
    public required string TeamId { get; init; }
    public string? TeamName { get; init; }
    public string? EnterpriseId { get; init; }
    public bool IsEnterpriseInstall { get; init; }
    /// <summary>The bot token (xoxb-); encrypted at rest.</summary>
    public required string BotToken { get; init; }
    public string? BotUserId { get; init; }
    public string? AppId { get; init; }
    public string? Scopes { get; init; }
    public string? InstalledBy { get; init; }
    public DateTimeOffset InstalledAt { get; init; }

    /// <summary>Reads the answer of oauth.v2.access.</summary>
    public static SlackInstallation FromOAuth(System.Text.Json.Nodes.JsonObject access, DateTimeOffset now)
    {
        static string? Text(System.Text.Json.Nodes.JsonNode? node) => node?.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : null;
        var enterprise = Text(access["enterprise"]?["id"]);
        var isEnterprise = access["is_enterprise_install"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
        return new SlackInstallation
        {
            TeamId = Text(access["team"]?["id"]) ?? (isEnterprise ? "" : throw new SlackApiException("oauth.v2.access", "no_team_in_response")),
            TeamName = Text(access["team"]?["name"]) ?? Text(access["enterprise"]?["name"]),
            EnterpriseId = enterprise,
            IsEnterpriseInstall = isEnterprise,
            BotToken = Text(access["access_token"]) ?? throw new SlackApiException("oauth.v2.access", "no_bot_token_in_response"),
            BotUserId = Text(access["bot_user_id"]),
            AppId = Text(access["app_id"]),
            Scopes = Text(access["scope"]),
            InstalledBy = Text(access["authed_user"]?["id"]),
            InstalledAt = now,
        };
    }
}

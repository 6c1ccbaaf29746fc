using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;
using PeerBot.Conversations;

namespace PeerBot.Slack;

/// <summary>
/// Does the work of an acknowledged Slack request: drops repeats (Slack retries, replays), removes the
/// installation on uninstall, and otherwise runs one turn of the bot through the <see cref="SlackAdapter"/>.
/// </summary>
public sealed partial class SlackDispatcher(
    SlackWorkspaces workspaces,
    SlackInstallationStore installations,
    SlackMembers members,
    SlackAdapter adapter,
    IBot bot,
    TurnLedger ledger,
    IOptions<SlackOptions> options,
    ILogger<SlackDispatcher> logger)
{
    public async Task HandleAsync(SlackInbound inbound, CancellationToken cancellationToken)
    {
        if (inbound.Kind == SlackInboundKind.Ignored)
        {
            return;
        }
        // Recorded under the member, like their turns, so that erasing the member erases these too.
        var delivery = new ChatTurn(new Member(SlackAdapter.ChannelId, inbound.UserId.Length > 0 ? inbound.UserId : "workspace", inbound.TeamId, null, null),
            "delivery", IsPersonal: false, Text: null, Value: null, ActivityId: inbound.DeliveryId);
        if (!await ledger.TryBeginAsync(delivery, cancellationToken))
        {
            LogRepeat(logger, inbound.DeliveryId);
            return;
        }
        if (inbound.Kind == SlackInboundKind.Uninstalled)
        {
            var removed = await installations.RemoveAsync(inbound.TeamId, inbound.EnterpriseId, inbound.IsEnterpriseInstall, inbound.At, cancellationToken);
            LogUninstalled(logger, inbound.TeamId, removed);
            return;
        }
        var installation = await workspaces.FindAsync(inbound.TeamId, inbound.EnterpriseId, cancellationToken);
        if (installation is null)
        {
            LogNotInstalled(logger, inbound.TeamId);
            return;
        }
        var personal = inbound.IsPersonal ?? await IsDirectMessageAsync(installation, inbound, cancellationToken);
        var user = await members.GetAsync(installation, inbound.UserId, cancellationToken);
        var activity = SlackActivities.Build(inbound, personal, user, installation, options.Value.ApiBaseUrl);
        var turn = new SlackTurn
        {
            Installation = installation,
            UserId = inbound.UserId,
            ConversationId = inbound.ConversationId,
            IsPersonal = personal,
            TriggerId = inbound.TriggerId,
            ResponseUrl = inbound.ResponseUrl,
            FromEphemeral = inbound.FromEphemeral,
        };
        await adapter.ProcessAsync(activity, turn, bot.OnTurnAsync, cancellationToken);
    }

    // A slash command in a DM: PeerBot's own DM with the member, or one between people.
    private async Task<bool> IsDirectMessageAsync(SlackInstallation installation, SlackInbound inbound, CancellationToken cancellationToken)
    {
        try
        {
            return await members.DirectMessageAsync(installation, inbound.UserId, cancellationToken) == inbound.ConversationId;
        }
        catch (SlackApiException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack delivery {DeliveryId} was handled before; ignored")]
    private static partial void LogRepeat(ILogger logger, string deliveryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "PeerBot was uninstalled from Slack team {TeamId} (installation removed: {Removed})")]
    private static partial void LogUninstalled(ILogger logger, string teamId, bool removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A request came from Slack team {TeamId}, where PeerBot is not installed")]
    private static partial void LogNotInstalled(ILogger logger, string teamId);
}

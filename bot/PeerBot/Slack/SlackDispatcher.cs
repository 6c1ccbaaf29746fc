using PeerBot.Conversations;

namespace PeerBot.Slack;

/// <summary>
/// Does the work of an acknowledged Slack request: drops repeats (Slack retries, replays), removes the installation on
/// uninstall, and otherwise turns the request into a <see cref="ChatTurn"/> for the <see cref="ConversationRouter"/>,
/// with a <see cref="SlackReplyChannel"/> for its answers.
/// </summary>
public sealed partial class SlackDispatcher(
    SlackWorkspaces workspaces,
    SlackInstallationStore installations,
    SlackMembers members,
    SlackReplies replies,
    ConversationRouter router,
    TurnLedger ledger,
    ILogger<SlackDispatcher> logger)
{
    /// <param name="claimant">The durable work item carrying the request: its own earlier attempt may resume the delivery, nothing else may.</param>
    public async Task HandleAsync(SlackInbound inbound, string claimant, CancellationToken cancellationToken)
    {
        if (inbound.Kind == SlackInboundKind.Ignored)
        {
            return;
        }
        // Recorded under the member, like their turns, so that erasing the member erases these too.
        var delivery = new ChatTurn(new Member(SlackSetup.ChannelId, inbound.UserId.Length > 0 ? inbound.UserId : "workspace", inbound.TeamId, null, null),
            "delivery", IsPersonal: false, Text: null, Value: null, ActivityId: inbound.DeliveryId)
        {
            SentAt = inbound.At == DateTimeOffset.MinValue ? null : inbound.At,
        };
        if (!await ledger.TryClaimAsync(delivery, claimant, cancellationToken))
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
        await workspaces.NoteAsync(installation, inbound.TeamId, cancellationToken);
        var personal = inbound.IsPersonal ?? await IsDirectMessageAsync(installation, inbound, cancellationToken);
        var user = await members.GetAsync(installation, inbound.UserId, cancellationToken);
        var turn = ToTurn(inbound, personal, user);
        var channel = replies.For(new SlackTurn
        {
            Installation = installation,
            UserId = inbound.UserId,
            ConversationId = inbound.ConversationId,
            IsPersonal = personal,
            TriggerId = inbound.TriggerId,
            ResponseUrl = inbound.ResponseUrl,
            FromEphemeral = inbound.FromEphemeral,
            MessageTs = inbound.MessageTs,
        });
        try
        {
            if (inbound.Kind == SlackInboundKind.Joined)
            {
                await router.OnMemberJoinedAsync(turn, channel, cancellationToken);
            }
            else
            {
                await router.OnTurnAsync(turn, channel, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await ApologiseAsync(channel, e, cancellationToken);
        }
    }

    /// <summary>The member, as users.info describes them: their email decides their organization, admins may run admin commands.</summary>
    public static ChatTurn ToTurn(SlackInbound inbound, bool isPersonal, SlackUser? user)
    {
        var member = new Member(SlackSetup.ChannelId, inbound.UserId, inbound.TeamId, user?.Email is { Length: > 0 } email ? email : null, user?.Name ?? inbound.UserName)
        {
            IsAdmin = user?.IsAdmin == true,
        };
        var text = inbound.Kind == SlackInboundKind.Message && inbound.Value is null ? inbound.Text : null;
        return new ChatTurn(member, inbound.ConversationId, isPersonal, text, inbound.Value?.DeepClone().AsObject(), inbound.DeliveryId)
        {
            // Slack knows the member's IANA time zone; the profile form starts from it.
            LocalTimeZone = user?.TimeZone,
            IsClaimed = true,
        };
    }

    /// <summary>What the member hears when their turn fails, unless it is Slack itself that cannot be reached.</summary>
    private async Task ApologiseAsync(SlackReplyChannel channel, Exception failure, CancellationToken cancellationToken)
    {
        // As in Teams: conditions the member is told about in plain words are not errors of ours.
        if (failure is Storage.ConcurrentEditException or Azure.RequestFailedException { Status: 0 or >= 500 })
        {
            LogRefused(logger, failure.GetType().Name);
        }
        else
        {
            LogFailed(logger, failure.GetType().Name, failure);
        }
        if (failure is SlackApiException or HttpRequestException)
        {
            return;
        }
        try
        {
            await channel.SendAsync(new TextReply(Apologies.For(failure)), cancellationToken);
        }
        catch (Exception e) when (e is SlackApiException or HttpRequestException or TaskCanceledException)
        {
            LogApologyLost(logger, e.GetType().Name);
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack turn ended with {ExceptionType}; the member was told")]
    private static partial void LogRefused(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack turn failed with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string exceptionType, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The apology for a failed Slack turn could not be sent ({ExceptionType})")]
    private static partial void LogApologyLost(ILogger logger, string exceptionType);
}

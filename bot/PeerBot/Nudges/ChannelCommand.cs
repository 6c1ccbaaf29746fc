using PeerBot.Conversations;

namespace PeerBot.Nudges;

/// <summary>"nudge weekly tue 09:00 Europe/Berlin" (or a cron expression), "nudge show", "nudge off", in a channel.</summary>
public sealed class ChannelCommand(ChannelNudges channels, Stats.Admins admins, TimeProvider clock)
{
    public async Task<string> RunAsync(ChatTurn turn, string arguments, CancellationToken cancellationToken)
    {
        if (turn.IsPersonal)
        {
            return "Channel nudges are set in the channel itself: mention me there (**@PeerBot nudge weekly tue 09:00 Europe/Berlin**), or in Slack type **/peerbot nudge …** in the channel.";
        }
        var channel = ChannelOf(turn);
        var word = arguments.Trim().ToLowerInvariant();
        if (word is "show" or "")
        {
            var current = await channels.GetAsync(channel, cancellationToken);
            return current is null
                ? "This channel has no PeerBot nudge. An admin can set one: **nudge weekly tue 09:00 Europe/Berlin**."
                : $"This channel gets a PeerBot nudge at {current.Schedule.Describe()}." + (current.NextDueAt is { } next ? $" Next: {Local(next, current.Schedule)}." : "");
        }
        if (!await admins.AllowsAsync(turn, cancellationToken))
        {
            return "Only channel or workspace admins can change this channel's nudge.";
        }
        if (word == "off")
        {
            return await channels.RemoveAsync(channel, cancellationToken)
                ? "Channel nudges are off for this channel."
                : "This channel had no PeerBot nudge.";
        }
        var (schedule, error) = ChannelSchedule.Parse(arguments);
        if (schedule is null)
        {
            return error!;
        }
        var first = await channels.SetAsync(channel, schedule, turn.From.PeerId, clock.GetUtcNow(), cancellationToken);
        return first is { } at
            ? $"Done: I'll post here at {schedule.Describe()}, starting {Local(at, schedule)}. Posts show how many leaders joined, by role, never names."
            : "That schedule never comes round, so nothing was set.";
    }

    /// <summary>The channel a turn came from (a Teams thread reply counts as its channel).</summary>
    public static NudgeChannel ChannelOf(ChatTurn turn)
    {
        var id = turn.ConversationId;
        var thread = id.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return new NudgeChannel(turn.From.Channel, thread < 0 ? id : id[..thread], turn.From.TenantId);
    }

    private static string Local(DateTimeOffset at, ChannelSchedule schedule) =>
        ResumeHandler.When(at, NudgeCalendar.Zone(schedule.TimeZone));
}

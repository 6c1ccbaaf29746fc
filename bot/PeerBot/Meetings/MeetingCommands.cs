using PeerBot.Conversations;
using PeerBot.Profiles;

namespace PeerBot.Meetings;

/// <summary>"peerbot hours 09:00-17:00": the hours PeerBot may propose meetings in (weekdays, your time zone).</summary>
public sealed class HoursCommand(MeetingMemberStore members) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["hours"];

    public string Usage => "peerbot hours 09:00-17:00 | default";

    public string Description => "The hours on weekdays when PeerBot may propose meetings (default 08:00–18:00 your time).";

    public async Task RunAsync(CommandContext context, string arguments, CancellationToken cancellationToken)
    {
        var me = context.Turn.From.PeerId;
        var text = arguments.Trim();
        if (text.Length == 0)
        {
            var current = await members.GetAsync(me, cancellationToken);
            await context.SendAsync(new TextReply($"PeerBot proposes meetings on weekdays between {current?.HoursOrDefault ?? WorkingHours.Default}, your time. Change it with **peerbot hours 09:00-17:00**."), cancellationToken);
            return;
        }
        if (text.Equals("default", StringComparison.OrdinalIgnoreCase) || text.Equals("reset", StringComparison.OrdinalIgnoreCase))
        {
            await members.UpdateAsync(me, m => m with { Hours = null }, cancellationToken);
            await context.SendAsync(new TextReply($"Done: meetings are proposed between {WorkingHours.Default} on weekdays, your time."), cancellationToken);
            return;
        }
        var (hours, problem) = WorkingHours.Parse(text);
        if (hours is not { } set)
        {
            await context.SendAsync(new TextReply(problem!), cancellationToken);
            return;
        }
        await members.UpdateAsync(me, m => m with { Hours = set }, cancellationToken);
        await context.SendAsync(new TextReply($"Done: PeerBot proposes meetings between {set} on weekdays, your time."), cancellationToken);
    }
}

/// <summary>"peerbot reminders off|on": the reminder an hour before a booked meeting.</summary>
public sealed class RemindersCommand(MeetingMemberStore members) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["reminders"];

    public string Usage => "peerbot reminders on|off";

    public string Description => "Turn the reminder an hour before a booked meeting on or off.";

    public async Task RunAsync(CommandContext context, string arguments, CancellationToken cancellationToken)
    {
        var me = context.Turn.From.PeerId;
        bool? off = arguments.Trim().ToLowerInvariant() switch
        {
            "off" or "no" or "stop" => true,
            "on" or "yes" or "start" => false,
            _ => null,
        };
        if (off is not { } turnOff)
        {
            var current = await members.GetAsync(me, cancellationToken);
            await context.SendAsync(new TextReply($"Meeting reminders are {(current?.RemindersOff == true ? "off" : "on")}. Say **peerbot reminders off** or **peerbot reminders on**."), cancellationToken);
            return;
        }
        await members.UpdateAsync(me, m => m with { RemindersOff = turnOff }, cancellationToken);
        await context.SendAsync(new TextReply(turnOff
            ? "Done: no more reminders before your meetings (meetings already booked included)."
            : "Done: you'll get a reminder an hour before each meeting booked from now on."), cancellationToken);
    }
}

/// <summary>
/// "peerbot meeting 45", "peerbot meeting link https://…": how long your meetings are, and the link for those you
/// organize. Both live on the profile (the form edits them too); this is the short way.
/// </summary>
public sealed class MeetingCommand(MeetingMemberStore members, ProfileStore profiles) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["meeting", "meetings"];

    public string Usage => "peerbot meeting 30|45 | link <https://…> | link off";

    public string Description => "Your meeting length (30 or 45 minutes) and personal meeting link (Teams, Zoom, Meet), also on your profile form.";

    public async Task RunAsync(CommandContext context, string arguments, CancellationToken cancellationToken)
    {
        var me = context.Turn.From.PeerId;
        var parts = arguments.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        switch (parts)
        {
            case [var minutes] when int.TryParse(minutes.TrimEnd('m'), System.Globalization.CultureInfo.InvariantCulture, out var length):
                if (!MeetingRules.IsValidLength(length))
                {
                    await context.SendAsync(new TextReply("Meetings are 30 or 45 minutes: **peerbot meeting 30** or **peerbot meeting 45**."), cancellationToken);
                    return;
                }
                await ChangeAsync(context, p => p with { MeetingMinutes = length }, $"Done: meetings you ask for are {length} minutes.", cancellationToken);
                return;
            case ["link", var off] when off.Equals("off", StringComparison.OrdinalIgnoreCase) || off.Equals("none", StringComparison.OrdinalIgnoreCase):
                await ChangeAsync(context, p => p with { MeetingLink = "" }, "Done: your meetings carry no meeting link.", cancellationToken);
                return;
            case ["link", var link]:
                if (!ProfileForm.IsMeetingLink(link))
                {
                    await context.SendAsync(new TextReply($"That doesn't look like a meeting link. Give an https:// address of at most {ProfileForm.MaxMeetingLink} characters, e.g. your Teams, Zoom or Meet link."), cancellationToken);
                    return;
                }
                await ChangeAsync(context, p => p with { MeetingLink = link }, "Done: meetings you organize (those with peers you asked for an intro) carry this link.", cancellationToken);
                return;
            default:
                var current = await members.GetAsync(me, cancellationToken) ?? new MeetingMember { MemberId = me };
                var profile = (await profiles.GetAsync(me, cancellationToken))?.Peer;
                await context.SendAsync(new TextReply($"Your meetings are {profile?.MeetingMinutes ?? MeetingRules.DefaultMinutes} minutes, on weekdays between {current.HoursOrDefault} your time; reminders are {(current.RemindersOff ? "off" : "on")}; "
                    + (profile?.MeetingLink is { Length: > 0 } ? "your meeting link is set." : "no meeting link is set.")
                    + " Change them with **peerbot meeting 30|45**, **peerbot meeting link https://…** (or **profile edit**), **peerbot hours 09:00-17:00** and **peerbot reminders off**."), cancellationToken);
                return;
        }
    }

    /// <summary>Changes the member's profile under its ETag, reading again when the form was saved meanwhile.</summary>
    private async Task ChangeAsync(CommandContext context, Func<Peer, Peer> change, string done, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await profiles.GetAsync(context.Turn.From.PeerId, cancellationToken) is not { } stored)
            {
                await context.SendAsync(new TextReply("Set up your profile first: say **profile**. Your meeting length and link are on it."), cancellationToken);
                return;
            }
            try
            {
                await profiles.SaveAsync(change(stored.Peer), stored.ETag, cancellationToken);
                await context.SendAsync(new TextReply(done), cancellationToken);
                return;
            }
            catch (Storage.ConcurrentEditException)
            {
                // The member saved the form at the same moment: apply the change to what they saved.
            }
        }
        throw new Storage.ConcurrentEditException();
    }
}

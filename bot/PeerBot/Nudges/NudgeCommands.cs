using System.Globalization;
using System.Text.RegularExpressions;
using PeerBot.Conversations;

namespace PeerBot.Nudges;

/// <summary>
/// "peerbot cadence|pause|resume|nudge|status …" (the router drops the app word, and Slack's /peerbot arrives as
/// the same text), or each word on its own (in Teams channels: "@PeerBot nudge …").
/// </summary>
public sealed partial class NudgeCommands(PersonalNudges personal, ChannelCommand channel)
{
    public const string CadenceUsage = "peerbot cadence weekly|every 2 weeks|monthly|off [mon–fri] [hh:mm]";

    public async Task RunAsync(CommandContext context, string word, string arguments, CancellationToken cancellationToken)
    {
        var reply = word switch
        {
            "cadence" => await CadenceAsync(context.Turn, arguments, cancellationToken),
            "pause" => await PauseAsync(context.Turn, arguments, cancellationToken),
            "resume" => await personal.ResumeAsync(context.Turn, cancellationToken),
            "nudge" => await channel.RunAsync(context.Turn, arguments, cancellationToken),
            "status" or "" => await personal.StatusAsync(context.Turn.From, cancellationToken),
            _ => $"I don't know **peerbot {word}**. Try {CadenceUsage}, **peerbot pause 2w**, **peerbot resume**, **peerbot status** or (in a channel) **peerbot nudge weekly tue 09:00 Europe/Berlin**.",
        };
        await context.SendAsync(new TextReply(reply), cancellationToken);
    }

    private async Task<string> CadenceAsync(ChatTurn turn, string arguments, CancellationToken cancellationToken)
    {
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Cadence? cadence = null;
        var used = 0;
        for (var n = Math.Min(3, words.Length); n > 0 && cadence is null; n--)
        {
            cadence = Cadences.Parse(string.Join(' ', words.Take(n)));
            used = n;
        }
        if (cadence is null)
        {
            return words.Length == 0 ? await personal.StatusAsync(turn.From, cancellationToken) : $"Try **{CadenceUsage}**.";
        }
        var at = NudgeTime.Default;
        foreach (var word in words.Skip(used))
        {
            if (Cadences.Day(word) is { } day)
            {
                at = at with { Day = day };
            }
            else if (Cadences.Time(word) is { } time)
            {
                at = at with { Time = time };
            }
            else
            {
                return $"I didn't understand “{word}”. Try **{CadenceUsage}**.";
            }
        }
        if (!NudgeCalendar.IsWorkingTime(at.Day, at.Time))
        {
            return $"Nudges come on weekdays between {NudgeCalendar.WorkdayStart:HH\\:mm} and {NudgeCalendar.QuietFrom:HH\\:mm}, never on weekends or in quiet hours. Pick a time in that window.";
        }
        return await personal.SetCadenceAsync(turn, cadence.Value, at, cancellationToken);
    }

    private async Task<string> PauseAsync(ChatTurn turn, string arguments, CancellationToken cancellationToken)
    {
        var length = PauseLength(arguments);
        if (length is null)
        {
            return "Say how long, in days or weeks: **peerbot pause 2w**, **peerbot pause 10d**, **peerbot pause 3 weeks**.";
        }
        if (length > PersonalNudges.LongestPause)
        {
            return "A pause can last up to 26 weeks. To stop nudges altogether, type **peerbot cadence off**.";
        }
        return await personal.PauseAsync(turn, length.Value, cancellationToken);
    }

    /// <summary>"2w", "2 weeks", "10d", "10 days", "1 week".</summary>
    public static TimeSpan? PauseLength(string text)
    {
        var match = Length().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return null;
        }
        return match.Groups[2].Value.StartsWith('w') ? TimeSpan.FromDays(7 * n) : TimeSpan.FromDays(n);
    }

    [GeneratedRegex(@"^(\d{1,3})\s*(w|wk|wks|week|weeks|d|day|days)$", RegexOptions.IgnoreCase)]
    private static partial Regex Length();
}

/// <summary>One command word ("status", "cadence", "pause", "resume", "nudge") bound to <see cref="NudgeCommands"/>.</summary>
public sealed class NudgeWord(string word, string usage, string description, NudgeCommands commands) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = [word];

    public string Usage => usage;

    public string Description => description;

    public Task RunAsync(CommandContext context, string arguments, CancellationToken cancellationToken) =>
        commands.RunAsync(context, word, arguments, cancellationToken);
}

using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using PeerBot.Conversations;
using PeerBot.Nudges;
using PeerBot.Storage;

namespace PeerBot.Meetings;

/// <summary>One member's private answers after a meeting: "Worth your time?" (1–5) and "Meet again in a few months?".</summary>
public sealed record FeedbackAnswer(string MemberId, string PairKey, int Round, int? Rating, bool? Again, DateTimeOffset AnsweredAt);

/// <summary>
/// Feedback rows, partitioned by the month they were given ("yyyyMM"), so that statistics read only the months they
/// cover; each member's row keys are listed on their meeting row, so export and erasure need no scan.
/// </summary>
public sealed class MeetingFeedbackStore(TableServiceClient service, TableNames names)
{
    private readonly TableClient _table = service.GetTableClient(names.MeetingFeedback);

    public static string Partition(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);

    public static string Row(string memberId, string pairKey, int round) =>
        $"{TableKeys.Escape(memberId)}|{pairKey}|{round.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Writes the answer (a second answer to the same question replaces the first); returns its "partition/row" key.</summary>
    public async Task<string> SaveAsync(FeedbackAnswer answer, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(answer.AnsweredAt), Row(answer.MemberId, answer.PairKey, answer.Round))
        {
            ["MemberId"] = answer.MemberId,
            ["PairKey"] = answer.PairKey,
            ["Round"] = answer.Round,
            ["Rating"] = answer.Rating,
            ["Again"] = answer.Again,
            ["AnsweredAt"] = answer.AnsweredAt,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        return entity.PartitionKey + "/" + entity.RowKey;
    }

    public async Task<FeedbackAnswer?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var (partition, row) = Split(key);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        return found.HasValue ? Read(found.Value!) : null;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var (partition, row) = Split(key);
        return _table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
    }

    /// <summary>Ratings given in a window, read from the months it spans only.</summary>
    public async IAsyncEnumerable<int> RatingsAsync(DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var month = new DateTimeOffset(since.Year, since.Month, 1, 0, 0, 0, TimeSpan.Zero); month < until; month = month.AddMonths(1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(month)} and AnsweredAt ge {since} and AnsweredAt lt {until}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["Rating"], cancellationToken: cancellationToken))
            {
                if (row.GetInt32("Rating") is { } rating)
                {
                    yield return rating;
                }
            }
        }
    }

    private static (string Partition, string Row) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }

    private static FeedbackAnswer Read(TableEntity e) => new(
        e.GetString("MemberId") ?? "", e.GetString("PairKey") ?? "", e.GetInt32("Round") ?? 0,
        e.GetInt32("Rating"), e.GetBoolean("Again"), e.GetDateTimeOffset("AnsweredAt") ?? DateTimeOffset.MinValue);
}

/// <summary>After "Yes, we met": the two optional, private questions instead of a plain thanks; and the met count.</summary>
public sealed class MetFollowUp(MeetingPairs pairs, MeetingStandings standings) : IFollowUpListener
{
    public async Task<CardReply?> AnsweredAsync(string pairKey, int round, string memberId, string answer, CancellationToken cancellationToken)
    {
        if (answer != FollowUpAnswers.Yes)
        {
            return null;
        }
        await standings.MetAsync(memberId, cancellationToken);
        var pair = await pairs.GetAsync(pairKey, cancellationToken);
        return MeetingCards.Feedback(pairKey, round, pair?.Other(memberId));
    }
}

/// <summary>The answers to "Worth your time?" and "Meet again?". When both say yes to meeting again, both hear from PeerBot in 90 days.</summary>
public sealed class FeedbackAction(MeetingFeedbackStore feedback, MeetingMemberStore members, MeetingStore meetings, MeetingPairs pairs, MeetingSchedule schedule, TimeProvider clock) : ICardAction
{
    public string Verb => MeetingVerbs.Feedback;

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var value = context.Turn.Value;
        var me = context.Turn.From.PeerId;
        var pairKey = MeetingValues.Pair(value);
        var round = MeetingValues.Number(value, "round");
        var pair = await pairs.GetAsync(pairKey, cancellationToken);
        if (pair is null || (pair.Organizer.Id != me && pair.Guest.Id != me) || pair.Intro.Round != round)
        {
            await context.SendAsync(new TextReply("That conversation is not one of yours, so nothing was recorded."), cancellationToken);
            return;
        }
        int? rating = int.TryParse(MeetingValues.Text(value, "rating"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r is >= 1 and <= 5 ? r : null;
        bool? again = MeetingValues.Text(value, "again") switch { "yes" => true, "no" => false, _ => null };
        if (rating is null && again is null)
        {
            await context.Replies.UpdateCardAsync(MeetingCards.Notice("Thanks", "No answers, no problem. Thanks for telling me you met!"), cancellationToken);
            return;
        }
        var key = await feedback.SaveAsync(new FeedbackAnswer(me, pairKey, round, rating, again, clock.GetUtcNow()), cancellationToken);
        await members.UpdateAsync(me, m => m.Feedback.Contains(key) ? null : m with { Feedback = [.. m.Feedback, key] }, cancellationToken);
        if (again == true)
        {
            await MeetAgainAsync(pair, me, cancellationToken);
        }
        await context.Replies.UpdateCardAsync(MeetingCards.Notice("Thanks", "Thanks! Your answers stay private: never shown to anyone, only counted with everyone else's."), cancellationToken);
    }

    private async Task MeetAgainAsync(MeetingPair pair, string me, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var found = await meetings.GetAsync(pair.Intro.PairKey, cancellationToken);
            var meeting = found?.Meeting ?? new Meeting
            {
                PairKey = pair.Intro.PairKey,
                IntroRound = pair.Intro.Round,
                Number = 1,
                OrganizerId = pair.Organizer.Id,
                GuestId = pair.Guest.Id,
                StartedBy = me,
                State = MeetingState.Met,
                CreatedAt = clock.GetUtcNow(),
            };
            if (meeting.AgainYes.Contains(me))
            {
                return;
            }
            var updated = meeting with { AgainYes = [.. meeting.AgainYes, me] };
            try
            {
                await meetings.SaveAsync(updated, found?.ETag, cancellationToken);
            }
            catch (ConcurrentEditException)
            {
                continue;
            }
            await members.UpdateAsync(me, m => m.Pairs.Contains(pair.Intro.PairKey) ? null : m with { Pairs = [.. m.Pairs, pair.Intro.PairKey] }, cancellationToken);
            if (updated.AgainYes.Contains(updated.OrganizerId) && updated.AgainYes.Contains(updated.GuestId))
            {
                foreach (var id in new[] { updated.OrganizerId, updated.GuestId })
                {
                    await schedule.AgainAsync(updated, id, MeetingZones.Of(pair.Member(id)) ?? TimeZoneInfo.Utc, cancellationToken);
                }
            }
            return;
        }
    }
}

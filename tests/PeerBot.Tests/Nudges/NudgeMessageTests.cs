using PeerBot.Nudges;

namespace PeerBot.Tests.Nudges;

/// <summary>Queue messages carry several jobs; a message is worked only when every job in it can be read.</summary>
public sealed class NudgeMessageTests
{
    private static readonly DateTimeOffset Due = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Jobs_survive_the_trip_through_a_message_in_order_with_their_dedupe_keys()
    {
        NudgeJob[] jobs =
        [
            new(JobKinds.Member, "msteams:a", Due),
            new(JobKinds.FollowUp, "slack:T1:U2", Due.AddDays(7), "pair-1|1"),
            new(JobKinds.Channel, "msteams:tenant:19:abc@thread.tacv2", Due.AddHours(1)),
        ];

        var read = NudgeJob.TryParseMessage(NudgeJob.ToMessage(jobs));

        Assert.NotNull(read);
        Assert.Equal(jobs, read);
        Assert.Equal(jobs.Select(j => j.DedupeKey), read.Select(j => j.DedupeKey));
    }

    [Fact]
    public void A_message_holding_one_job_on_its_own_is_read_as_a_list_of_one()
    {
        var job = new NudgeJob(JobKinds.Resume, "msteams:b", Due);
        Assert.Equal([job], NudgeJob.TryParseMessage(job.ToJson()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("[null]")]
    [InlineData("[{\"kind\":\"member\",\"target\":\"msteams:a\",\"due\":\"2026-12-01T09:00:00+00:00\"},{\"kind\":\"\",\"target\":\"x\"}]")]
    [InlineData("[{\"kind\":\"member\",\"target\":\"msteams:a\",\"due\":\"2026-12-01T09:00:00+00:00\"}, 42]")]
    [InlineData("{\"kind\":\"member\"}")]
    public void A_message_with_anything_unreadable_is_refused_whole(string text)
    {
        Assert.Null(NudgeJob.TryParseMessage(text));
    }
}

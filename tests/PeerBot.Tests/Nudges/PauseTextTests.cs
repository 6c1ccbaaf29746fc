using PeerBot.Nudges;

namespace PeerBot.Tests.Nudges;

public sealed class PauseTextTests
{
    [Theory]
    [InlineData("2w", 14)]
    [InlineData("2 weeks", 14)]
    [InlineData("1 week", 7)]
    [InlineData("10d", 10)]
    [InlineData("3 days", 3)]
    public void Pause_lengths_read_in_days_and_weeks(string text, int days) =>
        Assert.Equal(TimeSpan.FromDays(days), NudgeCommands.PauseLength(text));

    [Theory]
    [InlineData("")]
    [InlineData("forever")]
    [InlineData("0w")]
    [InlineData("2 months")]
    public void Other_lengths_are_not_understood(string text) => Assert.Null(NudgeCommands.PauseLength(text));

    [Theory]
    [InlineData("weekly", Cadence.Weekly)]
    [InlineData("every 2 weeks", Cadence.Biweekly)]
    [InlineData("biweekly", Cadence.Biweekly)]
    [InlineData("monthly", Cadence.Monthly)]
    [InlineData("off", Cadence.Off)]
    public void Cadences_read(string text, Cadence expected) => Assert.Equal(expected, Cadences.Parse(text));
}

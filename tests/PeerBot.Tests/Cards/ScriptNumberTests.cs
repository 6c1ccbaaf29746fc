using PeerBot.Cards.Templating.Values;

namespace PeerBot.Tests.Cards;

/// <summary>Numbers become text exactly as JavaScript writes them, since that text ends up in cards.</summary>
public sealed class ScriptNumberTests
{
    [Theory]
    [InlineData(0d, "0")]
    [InlineData(3d, "3")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1e21, "1e+21")]
    [InlineData(123456789012345680000d, "123456789012345680000")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-10, "1.5e-10")]
    [InlineData(2.5e+25, "2.5e+25")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void Writes_numbers_like_javascript(double value, string expected)
    {
        Assert.Equal(expected, ScriptNumber.ToText(value));
    }

    [Fact]
    public void Negative_zero_is_written_as_zero()
    {
        Assert.Equal("0", ScriptNumber.ToText(-0d));
    }

    [Theory]
    [InlineData("42", 42d)]
    [InlineData("  -7px", -7d)]
    [InlineData("1.9", 1d)]
    [InlineData("0x1F", 31d)]
    public void Reads_integers_like_parseInt(string text, double expected)
    {
        Assert.Equal(expected, ScriptNumber.ParseInt(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-")]
    public void Text_without_digits_is_not_a_number(string text)
    {
        Assert.True(double.IsNaN(ScriptNumber.ParseInt(text)));
    }
}

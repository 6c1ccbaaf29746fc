using PeerBot.Conversations;

namespace PeerBot.Tests.Conversations;

public sealed class CommandTextTests
{
    [Theory]
    [InlineData("/findpeer VP marketing", "findpeer", "VP marketing")]
    [InlineData("findpeer VP marketing", "findpeer", "VP marketing")]
    [InlineData("  FindPeer   CMO  ", "findpeer", "CMO")]
    [InlineData("<at>PeerBot</at> findpeer Head of Sales", "findpeer", "Head of Sales")]
    [InlineData("<AT>Peer Bot</AT>  /profile edit", "profile", "edit")]
    [InlineData("help", "help", "")]
    [InlineData("peerbot cadence weekly", "cadence", "weekly")]
    [InlineData("/peerbot profile", "profile", "")]
    [InlineData("<at>PeerBot</at> peerbot intros", "intros", "")]
    [InlineData("peerbot", "help", "")]
    [InlineData("findpeer\tVP\nmarketing", "findpeer", "VP\nmarketing")]
    [InlineData("", "", "")]
    [InlineData(null, "", "")]
    [InlineData("   ", "", "")]
    public void Splits_the_command_word_from_its_arguments(string? text, string command, string arguments)
    {
        var (word, rest) = CommandText.Parse(text);
        Assert.Equal(command, word);
        Assert.Equal(arguments, rest);
    }
}

namespace PeerBot.Teams;

/// <summary>A reply could not be delivered to the channel's serviceUrl.</summary>
public sealed class ChannelUnreachableException : Exception
{
    public ChannelUnreachableException() { }
    public ChannelUnreachableException(string message) : base(message) { }
    public ChannelUnreachableException(string message, Exception inner) : base(message, inner) { }
    public ChannelUnreachableException(Exception inner) : base("The channel did not accept the reply.", inner) { }
}

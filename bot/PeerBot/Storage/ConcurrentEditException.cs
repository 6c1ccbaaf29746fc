namespace PeerBot.Storage;

/// <summary>A write lost an ETag race: the row changed after it was read.</summary>
public sealed class ConcurrentEditException : Exception
{
    public ConcurrentEditException() { }
    public ConcurrentEditException(string message) : base(message) { }
    public ConcurrentEditException(string message, Exception inner) : base(message, inner) { }
}

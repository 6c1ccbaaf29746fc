namespace PeerBot.Storage;

/// <summary>
/// Storage could not be reached (refused, timed out, or failing server-side) even after retries. Callers in a
/// chat turn tell the user to try again rather than wait.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException() { }
    public StorageUnavailableException(string message) : base(message) { }
    public StorageUnavailableException(string message, Exception inner) : base(message, inner) { }
}

using System.Globalization;

namespace PeerBot.Storage;

/// <summary>A document does not fit in one table row. Nothing was written: the previous version is intact.</summary>
public sealed class DocumentTooLargeException : Exception
{
    public DocumentTooLargeException() { }
    public DocumentTooLargeException(string message) : base(message) { }
    public DocumentTooLargeException(string message, Exception inner) : base(message, inner) { }

    public DocumentTooLargeException(string key, long rowBytes, long limitBytes, Exception? inner = null)
        : base(string.Create(CultureInfo.InvariantCulture, $"Document '{Shorten(key)}' needs {rowBytes:N0} bytes in its table row; a row holds at most {limitBytes:N0}. Nothing was written."), inner)
    {
        Key = key;
        RowBytes = rowBytes;
    }

    public string? Key { get; }

    /// <summary>Size of the row the document would need, as Azure Tables counts it.</summary>
    public long RowBytes { get; }

    private static string Shorten(string key) => key.Length <= 120 ? key : key[..120] + "…";
}

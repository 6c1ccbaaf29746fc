using System.Globalization;
using Azure.Data.Tables;

namespace PeerBot.Storage;

/// <summary>How a document's JSON text is laid out across the string properties of one table row.</summary>
internal static class DocumentRow
{
    private const string PartPrefix = "J";

    public static TableEntity Split(string key, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        RejectLoneSurrogates(key, json);
        var row = new TableEntity(TableKeys.Bucket(key), TableKeys.Escape(key));
        var parts = 0;
        for (var start = 0; start < json.Length || parts == 0; parts++)
        {
            var length = Math.Min(TableDocuments.PartChars, json.Length - start);
            // A surrogate pair split across two properties would not survive the trip as UTF-8.
            if (length > 0 && start + length < json.Length && char.IsHighSurrogate(json[start + length - 1]))
            {
                length--;
            }
            row[PartName(parts)] = json.Substring(start, length);
            start += length;
        }
        row[TableDocuments.PartsProperty] = parts;
        var bytes = Bytes(row);
        if (bytes > TableDocuments.MaxRowBytes)
        {
            throw new DocumentTooLargeException(key, bytes, TableDocuments.MaxRowBytes);
        }
        return row;
    }

    public static string Join(string key, TableEntity row)
    {
        var parts = row.GetInt32(TableDocuments.PartsProperty)
            ?? throw new InvalidDataException($"Row for document '{key}' has no '{TableDocuments.PartsProperty}' count.");
        return string.Concat(Enumerable.Range(0, parts).Select(i => row.GetString(PartName(i))
            ?? throw new InvalidDataException($"Row for document '{key}' lacks part {i} of {parts}.")));
    }

    /// <summary>Size of a row as the service counts it against its 1 MiB limit.</summary>
    public static long Bytes(TableEntity row)
    {
        long bytes = 4 + (2L * (row.PartitionKey.Length + row.RowKey.Length));
        foreach (var (name, value) in row)
        {
            if (name is "PartitionKey" or "RowKey" or "odata.etag" or "Timestamp")
            {
                continue;
            }
            bytes += 8 + (2L * name.Length) + value switch
            {
                string s => 4 + (2L * s.Length),
                int => 4,
                _ => throw new InvalidOperationException($"Unexpected property type {value?.GetType()} in a document row."),
            };
        }
        return bytes;
    }

    private static string PartName(int index) => PartPrefix + index.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>Index of the first unpaired surrogate, or -1: such text cannot be sent as UTF-8 unaltered.</summary>
    public static int FirstLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static void RejectLoneSurrogates(string key, string json)
    {
        if (FirstLoneSurrogate(json) is var at and >= 0)
        {
            throw new ArgumentException($"Document '{key}' has a lone surrogate at {at}; it would be altered in transit. Escape it in the JSON (\\uXXXX).", nameof(json));
        }
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace PeerBot.Stats;

/// <summary>
/// A small bar chart as a PNG, drawn pixel by pixel: cards can only show images, and a chart library would be
/// a large dependency for three bars.
/// </summary>
public static class BarChart
{
    private const int Width = 360;
    private const int Height = 160;
    private const int Margin = 12;

    private static readonly byte[][] Palette =
    [
        [0x5B, 0x5F, 0xC7], // requested
        [0x2E, 0x9E, 0x6B], // accepted
        [0xE0, 0x8A, 0x1E], // met
    ];

    public static byte[] Render(IReadOnlyList<int> values)
    {
        var pixels = new byte[Height * ((Width * 4) + 1)];
        var max = Math.Max(1, values.DefaultIfEmpty(0).Max());
        var slot = (Width - (2 * Margin)) / Math.Max(1, values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var barHeight = (int)Math.Round((Height - (2 * Margin)) * (values[i] / (double)max));
            var left = Margin + (i * slot) + (slot / 6);
            var right = Margin + ((i + 1) * slot) - (slot / 6);
            for (var y = Height - Margin - barHeight; y < Height - Margin; y++)
            {
                for (var x = left; x < right; x++)
                {
                    Set(pixels, x, y, Palette[i % Palette.Length]);
                }
            }
        }
        // Baseline.
        for (var x = Margin; x < Width - Margin; x++)
        {
            Set(pixels, x, Height - Margin, [0x60, 0x60, 0x60]);
        }
        return Encode(pixels);
    }

    private static void Set(byte[] pixels, int x, int y, byte[] rgb)
    {
        var at = (y * ((Width * 4) + 1)) + 1 + (x * 4);
        pixels[at] = rgb[0];
        pixels[at + 1] = rgb[1];
        pixels[at + 2] = rgb[2];
        pixels[at + 3] = 0xFF;
    }

    private static byte[] Encode(byte[] scanlines)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(scanlines);
            }
            Chunk(png, "IDAT", compressed.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeAndData = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        png.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32(typeAndData));
        png.Write(crc);
    }
}

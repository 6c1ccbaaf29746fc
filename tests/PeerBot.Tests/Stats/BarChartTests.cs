using System.Buffers.Binary;
using System.IO.Compression;
using PeerBot.Stats;

namespace PeerBot.Tests.Stats;

public sealed class BarChartTests
{
    [Fact]
    public void The_chart_is_a_valid_png_whose_bars_are_proportional_to_the_values()
    {
        var png = BarChart.Render([40, 20, 10]);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var (width, height, pixels) = Decode(png);
        Assert.Equal((360, 160), (width, height));
        Assert.Equal(136, BarHeight(pixels, width, height, 60));
        Assert.Equal(68, BarHeight(pixels, width, height, 180));
        Assert.Equal(34, BarHeight(pixels, width, height, 300));
    }

    [Fact]
    public void All_zero_values_draw_no_bars()
    {
        var (width, height, pixels) = Decode(BarChart.Render([0, 0, 0]));
        Assert.Equal(0, BarHeight(pixels, width, height, 60));
    }

    private static int BarHeight(byte[] pixels, int width, int height, int x) =>
        Enumerable.Range(0, height - 12).Count(y => pixels[(y * ((width * 4) + 1)) + 1 + (x * 4) + 3] == 0xFF);

    /// <summary>Reads the IHDR size and inflates the IDAT scanlines (filter type 0, as the chart writes them).</summary>
    private static (int Width, int Height, byte[] Pixels) Decode(byte[] png)
    {
        int width = 0, height = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at + 8));
                height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at + 12));
            }
            else if (type == "IDAT")
            {
                idat.Write(png, at + 8, length);
            }
            at += 12 + length;
        }
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var pixels = new MemoryStream();
        zlib.CopyTo(pixels);
        return (width, height, pixels.ToArray());
    }
}

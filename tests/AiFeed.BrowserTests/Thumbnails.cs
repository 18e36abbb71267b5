using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AiFeed.BrowserTests;

/// <summary>Small real PNG pictures (diagonal gradients in four hues) for the loopback "sites" to serve.</summary>
public static class Thumbnails
{
    private static readonly (int R, int G, int B)[] Hues = [(37, 99, 235), (22, 163, 74), (217, 119, 6), (147, 51, 234)];

    public static RequestDelegate Serve(int hue)
    {
        var png = Gradient(160, 100, Hues[hue % Hues.Length]);
        return async context =>
        {
            context.Response.ContentType = "image/png";
            await context.Response.Body.WriteAsync(png, context.RequestAborted);
        };
    }

    public static byte[] Gradient(int width, int height, (int R, int G, int B) hue)
    {
        var raw = new byte[height * ((width * 3) + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = y * ((width * 3) + 1);
            for (var x = 0; x < width; x++)
            {
                var t = (x + y) / (double)(width + height);
                raw[row + 1 + (x * 3)] = (byte)(hue.R + ((255 - hue.R) * t));
                raw[row + 2 + (x * 3)] = (byte)(hue.G + ((255 - hue.G) * t));
                raw[row + 3 + (x * 3)] = (byte)(hue.B + ((255 - hue.B) * t));
            }
        }

        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", idat.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}

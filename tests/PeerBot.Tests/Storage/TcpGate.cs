using System.Net;
using System.Net.Sockets;

namespace PeerBot.Tests.Storage;

/// <summary>
/// A loopback TCP relay in front of a real server that a test can close and reopen, to stage an outage
/// without stopping the server other tests share.
/// </summary>
public sealed class TcpGate : IDisposable
{
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private bool _closed;

    public TcpGate(int target)
    {
        _target = target;
        Port = Azurite.FreePort();
        Open();
    }

    public int Port { get; }

    public void Open()
    {
        if (_listener is not null)
        {
            return;
        }
        lock (_open)
        {
            _closed = false;
        }
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener);
    }

    /// <summary>Refuses new connections and cuts the open ones.</summary>
    public void Close()
    {
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            _closed = true;
            foreach (var client in _open)
            {
                client.Dispose();
            }
            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }
            lock (_open)
            {
                // A connection accepted while the gate was closing must not slip through.
                if (_closed)
                {
                    inbound.Dispose();
                    outbound.Dispose();
                    continue;
                }
                _open.Add(inbound);
                _open.Add(outbound);
            }
            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // A closed gate cuts the stream; that is the point.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        Close();
        _stop.Dispose();
    }
}

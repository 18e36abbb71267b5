using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port the OS picks: AiFeed's MailKit
/// client talks real SMTP to it, and every accepted message is parsed back with MimeKit.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<MimeMessage> messages = new();
    private readonly ConcurrentDictionary<string, bool> refused = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task running;

    private LoopbackSmtpServer(int port, Task running)
    {
        Port = port;
        this.running = running;
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages => [.. messages];

    /// <summary>Configuration that points AiFeed at this server (plain SMTP: it is loopback).</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:From"] = "AiFeed Daily <daily@aifeed.test>",
        ["Smtp:UseTls"] = "false",
        ["Smtp:Timeout"] = "00:00:30",
    };

    public static async Task<LoopbackSmtpServer> StartAsync()
    {
        var listeners = new EndpointListenerFactory();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        LoopbackSmtpServer? self = null;
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(m => self!.messages.Enqueue(m)));
        services.Add(new DelegatingMailboxFilter((IMailbox to, IMailbox _) => self is null || !self.refused.ContainsKey(to.AsAddress())));
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        var server = new SmtpServer.SmtpServer(options, services);
        var stop = new CancellationTokenSource();
        var running = server.StartAsync(stop.Token);
        var port = await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        self = new LoopbackSmtpServer(port, running);
        self.stop.Token.Register(stop.Cancel);
        return self;
    }

    /// <summary>RCPT TO this address is answered 550 until <see cref="Accept"/>.</summary>
    public void Refuse(string address) => refused[address] = true;

    public void Accept(string address) => refused.TryRemove(address, out _);

    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }

        stop.Dispose();
    }

    private sealed class Store(Action<MimeMessage> received) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received(MimeMessage.Load(stream, cancellationToken));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}

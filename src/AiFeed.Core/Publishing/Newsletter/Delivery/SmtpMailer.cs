using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AiFeed.Publishing.Newsletter.Delivery;

/// <summary>Opens SMTP sessions to the configured relay through MailKit (one session per batch of mail).</summary>
public sealed class SmtpMailer(IOptionsMonitor<SmtpOptions> options)
{
    public bool IsConfigured => options.CurrentValue.IsConfigured;

    public MailboxAddress Sender => options.CurrentValue.Sender();

    /// <summary>Connects (and authenticates when a user is configured); throws <see cref="MailNotConfiguredException"/> without Smtp:Host.</summary>
    public async Task<SmtpSession> ConnectAsync(CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        if (!current.IsConfigured)
        {
            throw new MailNotConfiguredException();
        }

        var client = new SmtpClient { Timeout = (int)current.Timeout.TotalMilliseconds };
        try
        {
            var security = !current.UseTls ? SecureSocketOptions.None
                : current.Port == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
            await client.ConnectAsync(current.Host!, current.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(current.Username))
            {
                await client.AuthenticateAsync(current.Username, current.Password ?? "", cancellationToken);
            }

            return new SmtpSession(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Whether an exception says the relay could not be reached or refused the mail (as opposed to a bug).</summary>
    public static bool IsMailFailure(Exception exception) =>
        exception is IOException or System.Net.Sockets.SocketException or TimeoutException or MailKit.ProtocolException
            or SmtpCommandException or MailKit.ServiceNotConnectedException or AuthenticationException or SslHandshakeException;

    /// <summary>One message in a session of its own (confirmation mail).</summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await using var session = await ConnectAsync(cancellationToken);
        await session.SendAsync(message, cancellationToken);
    }
}

/// <summary>An open SMTP connection; closed politely (QUIT) on dispose.</summary>
public sealed class SmtpSession(SmtpClient client) : IAsyncDisposable
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
        await client.SendAsync(message, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true);
            }
        }
        catch (Exception ex) when (ex is IOException or SmtpProtocolException or SmtpCommandException)
        {
            // The messages were handed over already; a failed QUIT changes nothing about them.
        }
        finally
        {
            client.Dispose();
        }
    }
}

/// <summary>Mail was asked for but Smtp:Host is not set.</summary>
public sealed class MailNotConfiguredException() : InvalidOperationException("newsletter mail is not configured: set Smtp:Host and Smtp:From (see docs/newsletter.md)");

# Test shim, NOT the winrm gem.  Debian's vagrant package lacks the Ruby
# `winrm` gems, so loading a Vagrantfile that selects the winrm communicator
# fails with "cannot load such file -- winrm (LoadError)".  Vagrant's WinRM
# communicator (plugins/communicators/winrm/shell.rb) only needs these names to
# exist at load time: it lists them as errors to retry on.  The tests put this
# directory on RUBYLIB so `vagrant validate` and `vagrant status` can load our
# Vagrantfile.  Nothing here can talk to a Windows machine: with the shim,
# anything that would open a WinRM connection raises NotImplementedError.
module WinRM
  class WinRMError < StandardError; end
  class WinRMHTTPTransportError < WinRMError; end
  class WinRMAuthorizationError < WinRMError; end
  class WinRMWSManFault < WinRMError; end
  class WinRMWMIError < WinRMError; end
  class InvalidShellError < WinRMError; end
  class InvalidTransportError < WinRMError; end

  class Connection
    def initialize(*)
      raise NotImplementedError, "labkit test shim: the Ruby winrm gem is not installed (tests/support/rubylib)"
    end
  end
end

# Vagrant rescues HTTPClient errors that the winrm gem brings in through the
# httpclient gem.
class HTTPClient
  class BadResponseError < RuntimeError; end
  class TimeoutError < RuntimeError; end
  class ConnectTimeoutError < TimeoutError; end
  class ReceiveTimeoutError < TimeoutError; end
  class KeepAliveDisconnected < StandardError; end
end unless defined?(HTTPClient)

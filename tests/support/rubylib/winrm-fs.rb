# Test shim, NOT the winrm-fs gem: see winrm.rb beside this file.
require "winrm"

module WinRM
  module FS
    class FileManager
      def initialize(*)
        raise NotImplementedError, "labkit test shim: the Ruby winrm-fs gem is not installed (tests/support/rubylib)"
      end
    end
  end
end

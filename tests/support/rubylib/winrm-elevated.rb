# Test shim, NOT the winrm-elevated gem: see winrm.rb beside this file.
require "winrm"

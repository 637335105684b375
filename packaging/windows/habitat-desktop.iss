; Inno Setup script for Habitat Desktop on Windows. Build on Windows after `make package` (which produces
; dist\habitat-desktop\): "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\habitat-desktop.iss
; Result: dist\HabitatDesktop-Setup-<version>.exe

#define AppName "Habitat Desktop"
#define AppVersion "0.1.0"
#define AppPublisher "UN-Habitat"
#define AppExe "habitat-desktop.exe"

[Setup]
AppId={{6E0F3D4A-6C1B-4C8B-9D9E-2B7A5E1C4F21}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppPublisher}
DefaultDirName={autopf}\Habitat Desktop
DefaultGroupName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=HabitatDesktop-Setup-{#AppVersion}
SetupIconFile=..\..\habitat_desktop\data\icons\habitat-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "ar"; MessagesFile: "compiler:Languages\Arabic.isl"
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\habitat-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .habitat (workspace) and .habx (office export) open in the app.
Root: HKA; Subkey: "Software\Classes\.habitat"; ValueType: string; ValueName: ""; ValueData: "HabitatDesktop.Workspace"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\HabitatDesktop.Workspace"; ValueType: string; ValueName: ""; ValueData: "Habitat Desktop workspace"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\HabitatDesktop.Workspace\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\HabitatDesktop.Workspace\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.habx"; ValueType: string; ValueName: ""; ValueData: "HabitatDesktop.Export"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\HabitatDesktop.Export"; ValueType: string; ValueName: ""; ValueData: "Habitat Desktop office export"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\HabitatDesktop.Export\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\HabitatDesktop.Export\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
